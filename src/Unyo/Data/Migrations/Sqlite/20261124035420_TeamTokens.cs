using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Unyo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TeamTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "UserId",
                table: "ApiTokens",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "TeamId",
                table: "ApiTokens",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_TeamId",
                table: "ApiTokens",
                column: "TeamId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_ApiTokens_OneOwner",
                table: "ApiTokens",
                sql: "(\"UserId\" IS NULL) <> (\"TeamId\" IS NULL)");

            migrationBuilder.AddForeignKey(
                name: "FK_ApiTokens_Teams_TeamId",
                table: "ApiTokens",
                column: "TeamId",
                principalTable: "Teams",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ApiTokens_Teams_TeamId",
                table: "ApiTokens");

            migrationBuilder.DropIndex(
                name: "IX_ApiTokens_TeamId",
                table: "ApiTokens");

            migrationBuilder.DropCheckConstraint(
                name: "CK_ApiTokens_OneOwner",
                table: "ApiTokens");

            migrationBuilder.DropColumn(
                name: "TeamId",
                table: "ApiTokens");

            migrationBuilder.AlterColumn<Guid>(
                name: "UserId",
                table: "ApiTokens",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
